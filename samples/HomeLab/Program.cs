// The lab project's entry point: `dotnet build` runs it (LabNetwork.GitOps.Build) to write manifests/.
return GitOps.GitOpsCli.Run(args, HomeLab.Build);
