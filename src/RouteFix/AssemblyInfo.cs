// route-fix talks to the Linux kernel (netlink, setns): it runs nowhere else.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
