<<<<<<< HEAD
// Writes the lab's manifests. `dotnet build` runs this through the GitOps.Build targets;
// `dotnet run --project samples/HomeLab -- --output manifests` does the same by hand.
return GitOps.GitOpsCli.Run(args, HomeLab.HomeLabModel.Build);
=======
// The lab project's entry point: `dotnet build` runs it (LabNetwork.GitOps.Build) to write manifests/.
return GitOps.GitOpsCli.Run(args, HomeLab.Build);
>>>>>>> msbuild
