// Network namespaces are a Linux feature.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
