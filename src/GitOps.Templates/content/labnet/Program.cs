// `dotnet build` runs this after every build that changed the lab and writes manifests/;
// `dotnet run -- --check` writes nothing and exits 4 when manifests/ differs from the model.
return GitOps.GitOpsCli.Run(args, MyLab.Build);
