FixtureLab.WarnIfAsked();

var mode = Environment.GetEnvironmentVariable("GITOPS_FIXTURE");

// Where the lab runs, as it sees it (a build server must show it the same as a process of its own).
Console.WriteLine($"fixture lab: in {Environment.CurrentDirectory}, base directory {AppContext.BaseDirectory}");

// GITOPS_FIXTURE=main-throws: an exception outside GitOpsCli.Run, unhandled in Main (the runtime reports it and ends the process).
if (mode == "main-throws")
{
    throw new InvalidOperationException("the fixture's Main is broken on purpose");
}

// GITOPS_FIXTURE=exit-silently fails without a word, like a lab project whose Program.cs does not call GitOpsCli.
if (mode == "exit-silently")
{
    return 7;
}

var result = GitOps.GitOpsCli.Run(args, FixtureLab.Build);

// GITOPS_FIXTURE=leave-thread starts a thread that outlives Main and keeps writing (in a process of its own it ends with Main).
if (mode == "leave-thread")
{
    new Thread(() =>
    {
        for (var tick = 0; ; tick++)
        {
            Console.WriteLine($"fixture lab: tick {tick}");
            Thread.Sleep(100);
        }
    }) { IsBackground = true }.Start();
}

// GITOPS_FIXTURE=environment-exit ends the process itself (a build server running it goes down with it).
if (mode == "environment-exit")
{
    Environment.Exit(result);
}

return result;
