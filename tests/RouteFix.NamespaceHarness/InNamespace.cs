using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;

namespace RouteFix.NamespaceHarness;

/// <summary>
/// Runs code inside a network namespace on a dedicated thread (setns changes only the calling thread), so the
/// test process itself can send datagrams from the pod or write the node's /proc/sys/net settings.
/// </summary>
public static partial class InNamespace
{
    private const int CLONE_NEWNET = 0x40000000;
    private const int O_RDONLY_CLOEXEC = 0x80000;

    public static T Run<T>(string netnsPath, Func<T> work)
    {
        T? result = default;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                var original = Open("/proc/thread-self/ns/net");
                var target = Open(netnsPath);
                try
                {
                    Check(SetNs(target, CLONE_NEWNET), "setns " + netnsPath);
                    try
                    {
                        result = work();
                    }
                    finally
                    {
                        Check(SetNs(original, CLONE_NEWNET), "setns back");
                    }
                }
                finally
                {
                    _ = Close(target);
                    _ = Close(original);
                }
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        });
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result!;
    }

    public static void Run(string netnsPath, Action work) => Run(netnsPath, () =>
    {
        work();
        return true;
    });

    private static int Open(string path)
    {
        var fd = OpenNative(path, O_RDONLY_CLOEXEC);
        Check(fd, "open " + path);
        return fd;
    }

    private static void Check(int result, string what)
    {
        if (result < 0)
        {
            throw new InvalidOperationException($"{what}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenNative(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static partial int SetNs(int fd, int nstype);
}
