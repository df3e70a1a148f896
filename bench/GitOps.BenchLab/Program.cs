// A lab project for N layer-2 attachments, run as a fresh process the way the MSBuild task runs a user's lab:
//   dotnet exec GitOps.BenchLab.dll <N> [--output <dir>] [--check]
// The first argument is N; the rest go to GitOpsCli.Run unchanged. Used by bench/compare-cdk8s.sh.
using GitOps;
using GitOps.Topology;

if (args.Length == 0 || !int.TryParse(args[0], out var attachments) || attachments < 0)
{
    Console.Error.WriteLine("usage: GitOps.BenchLab <attachments> [--output <dir>] [--check]");
    return GitOpsCli.ExitCodes.Usage;
}

return GitOpsCli.Run(args[1..], () => BenchLab.Build(attachments));
