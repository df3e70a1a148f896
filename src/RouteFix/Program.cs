using RouteFix.Cni;

// route-fix: with arguments it is the installer; without, a CNI plugin driven by CNI_* and stdin.
if (args.Length > 0)
{
    return RouteFix.Installer.Installer.Run(args, Console.Out, Console.Error);
}

return CniDispatcher.Run(Environment.GetEnvironmentVariable, Console.OpenStandardInput(), Console.Out, Console.Error);
