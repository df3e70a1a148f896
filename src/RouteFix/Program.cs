using System.Text;
using RouteFix.Cni;

// route-fix: with arguments it is the installer; without, a CNI plugin driven by CNI_* and stdin.
// Plain stream writers, not Console.Out: the console's terminal support would add to the NativeAOT image.
var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
using var stdout = new StreamWriter(Console.OpenStandardOutput(), utf8) { NewLine = "\n" };
using var stderr = new StreamWriter(Console.OpenStandardError(), utf8) { NewLine = "\n", AutoFlush = true };
return args.Length > 0
    ? RouteFix.Installer.BinaryInstaller.Run(args, stdout, stderr)
    : CniDispatcher.Run(Environment.GetEnvironmentVariable, Console.OpenStandardInput(), stdout, stderr);
