using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using RouteFix.Netlink;

namespace RouteFix.Namespaces;

/// <summary>The network namespace named by CNI_NETNS is missing (ENOENT) or is not a network namespace.</summary>
public sealed class NamespaceNotFoundException(string path, string reason) : Exception($"network namespace {path}: {reason}")
{
    public string Path { get; } = path;
}

/// <summary>
/// Runs work inside another network namespace. setns(2) changes only the calling thread, so the work runs on
/// one dedicated thread that enters the namespace, does everything, and switches back to its original
/// namespace before it ends; no other thread of the process ever sees the container's namespace.
/// </summary>
public static class NetworkNamespace
{
    public static T Run<T>(string netnsPath, Func<T> work)
    {
        T? result = default;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = RunOnCurrentThread(netnsPath, work);
                }
                catch (Exception e)
                {
                    failure = ExceptionDispatchInfo.Capture(e);
                }
            },
            maxStackSize: 1024 * 1024)
        {
            Name = "route-fix netns",
            IsBackground = true,
        };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result!;
    }

    private static T RunOnCurrentThread<T>(string netnsPath, Func<T> work)
    {
        // This thread's own namespace (not /proc/self, which is the main thread's).
        var original = OpenNamespace("/proc/thread-self/ns/net");
        try
        {
            var target = Interop.Open(netnsPath, Interop.O_RDONLY | Interop.O_CLOEXEC);
            if (target < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                throw errno == Errno.ENOENT
                    ? new NamespaceNotFoundException(netnsPath, "does not exist")
                    : new ErrnoException($"open {netnsPath}", errno);
            }

            try
            {
                if (Interop.SetNs(target, Interop.CLONE_NEWNET) != 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    throw errno == Errno.EINVAL
                        ? new NamespaceNotFoundException(netnsPath, "is not a network namespace")
                        : new ErrnoException($"setns {netnsPath}", errno);
                }
            }
            finally
            {
                _ = Interop.Close(target);
            }

            try
            {
                return work();
            }
            finally
            {
                if (Interop.SetNs(original, Interop.CLONE_NEWNET) != 0)
                {
                    // The thread ends right after this, so nothing else runs in the wrong namespace; still say so.
                    throw new ErrnoException("setns back to the original network namespace", Marshal.GetLastPInvokeError());
                }
            }
        }
        finally
        {
            _ = Interop.Close(original);
        }
    }

    private static int OpenNamespace(string path)
    {
        var fd = Interop.Open(path, Interop.O_RDONLY | Interop.O_CLOEXEC);
        return fd >= 0 ? fd : throw new ErrnoException($"open {path}", Marshal.GetLastPInvokeError());
    }
}
