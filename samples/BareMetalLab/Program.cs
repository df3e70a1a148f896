// The second lab's entry point: `dotnet build` runs it (LabNetwork.GitOps.Build) to write samples/BareMetalLab/manifests/;
// `dotnet run --project samples/BareMetalLab -- --output samples/BareMetalLab/manifests` does the same by hand.
return GitOps.GitOpsCli.Run(args, BareMetalLab.BareMetalLabModel.Build);
