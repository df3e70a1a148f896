// The lab project's entry point: `dotnet build` runs it (LabNetwork.GitOps.Build) to write manifests/;
// `dotnet run --project samples/HomeLab -- --output manifests` does the same by hand.
return GitOps.GitOpsCli.Run(args, HomeLab.HomeLabModel.Build);
