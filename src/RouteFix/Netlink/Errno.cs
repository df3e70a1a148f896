namespace RouteFix.Netlink;

/// <summary>errno values (asm-generic/errno-base.h, errno.h) that route-fix treats specially, and their names for messages.</summary>
public static class Errno
{
    public const int EPERM = 1;
    public const int ENOENT = 2;
    public const int ESRCH = 3;
    public const int EINTR = 4;
    public const int EBADF = 9;
    public const int EAGAIN = 11;
    public const int ENOMEM = 12;
    public const int EACCES = 13;
    public const int EBUSY = 16;
    public const int EEXIST = 17;
    public const int ENODEV = 19;
    public const int EINVAL = 22;
    public const int ENOBUFS = 105;
    public const int ENETUNREACH = 101;
    public const int EOPNOTSUPP = 95;

    public static string Name(int errno) => errno switch
    {
        EPERM => "EPERM",
        ENOENT => "ENOENT",
        ESRCH => "ESRCH",
        EINTR => "EINTR",
        EBADF => "EBADF",
        EAGAIN => "EAGAIN",
        ENOMEM => "ENOMEM",
        EACCES => "EACCES",
        EBUSY => "EBUSY",
        EEXIST => "EEXIST",
        ENODEV => "ENODEV",
        EINVAL => "EINVAL",
        ENOBUFS => "ENOBUFS",
        ENETUNREACH => "ENETUNREACH",
        EOPNOTSUPP => "EOPNOTSUPP",
        _ => "errno " + errno.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>"No such device (ENODEV)": the C library's text plus the symbolic name.</summary>
    public static string Describe(int errno) =>
        $"{System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(errno)} ({Name(errno)})";
}

/// <summary>A system call or netlink request failed with an errno.</summary>
public sealed class ErrnoException(string operation, int errno, string? kernelMessage = null)
    : Exception($"{operation}: {RouteFix.Netlink.Errno.Describe(errno)}{(string.IsNullOrEmpty(kernelMessage) ? string.Empty : ": " + kernelMessage)}")
{
    public int Errno { get; } = errno;

    public string Operation { get; } = operation;

    public string? KernelMessage { get; } = kernelMessage;
}

/// <summary>The kernel answered something netlink does not allow (wrong sequence, short message).</summary>
public sealed class NetlinkProtocolException(string message) : Exception(message);
