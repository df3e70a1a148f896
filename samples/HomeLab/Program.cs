// Writes the lab's manifests. `dotnet build` runs this through the GitOps.Build targets;
// `dotnet run --project samples/HomeLab -- --output manifests` does the same by hand.
return GitOps.GitOpsCli.Run(args, HomeLab.HomeLabModel.Build);
