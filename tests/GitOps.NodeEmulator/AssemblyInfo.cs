// runc, mount namespaces and network namespaces are Linux features.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
