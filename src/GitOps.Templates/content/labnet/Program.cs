// `dotnet build` runs this after every build that changed the lab and writes manifests/;
// `dotnet run --property:GitOpsGenerateOnBuild=false -- --check` writes nothing and exits 4 when manifests/ differs
// from the model (a plain `dotnet run` builds first, and that build would regenerate manifests/ before the check).
return GitOps.GitOpsCli.Run(args, MyLab.Build);
