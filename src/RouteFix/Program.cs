using System.Text;
using RouteFix;
using RouteFix.Cni;
using RouteFix.Plugin;

// route-fix: with arguments it is the installer; without, a CNI plugin driven by CNI_* and stdin:
// the generic skeleton (Cni/) calling route-fix's callbacks (Plugin/).
var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
using var stdin = new FileDescriptorStream(0, FileAccess.Read);
using var stdout = new StreamWriter(new FileDescriptorStream(1, FileAccess.Write), utf8) { NewLine = "\n" };
using var stderr = new StreamWriter(new FileDescriptorStream(2, FileAccess.Write), utf8) { NewLine = "\n", AutoFlush = true };
return args.Length > 0
    ? RouteFix.Installer.BinaryInstaller.Run(args, stdout, stderr)
    : CniSkeleton.PluginMain(RouteFixPlugin.Callbacks, Environment.GetEnvironmentVariable, stdin, stdout, stderr);
