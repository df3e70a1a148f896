FixtureLab.WarnIfAsked();

// GITOPS_FIXTURE=exit-silently fails without a word, like a lab project whose Program.cs does not call GitOpsCli.
return Environment.GetEnvironmentVariable("GITOPS_FIXTURE") == "exit-silently"
    ? 7
    : GitOps.GitOpsCli.Run(args, FixtureLab.Build);
