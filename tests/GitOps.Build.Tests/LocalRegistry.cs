using System.Net;
using System.Net.Sockets;
using RouteFix.NamespaceHarness;

namespace GitOps.Build.Tests;

/// <summary>
/// A real OCI registry on 127.0.0.1 for one test: Debian's docker-registry (distribution/registry 2.8) serving HTTPS
/// with a certificate made for 127.0.0.1 and htpasswd (bcrypt) basic auth, as ghcr.io asks for TLS and a login. Its
/// clients (skopeo, buildah: Go) trust the certificate through SSL_CERT_FILE and keep their login in
/// REGISTRY_AUTH_FILE (<see cref="ClientEnvironment"/>), so nothing of the machine's container configuration is
/// read or written. Dispose ends the server (by its own process id) and deletes its folder with every blob.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class LocalRegistry : IDisposable
{
    private readonly TempFolder _folder = new("gitops-registry");
    private readonly BackgroundProcess? _server;

    private LocalRegistry()
    {
        try
        {
            var cert = _folder.Combine("cert.pem");
            Shell.Run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", _folder.Combine("key.pem"), "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1").EnsureSuccess();
            File.WriteAllText(_folder.Combine("htpasswd"), Shell.Run("htpasswd", "-Bbn", User, Token).EnsureSuccess().Stdout);
            Port = FreePort();
            var config = _folder.Combine("config.yml");
            File.WriteAllText(config, $"""
                version: 0.1
                log:
                  level: warn
                storage:
                  filesystem:
                    rootdirectory: {_folder.Combine("data")}
                http:
                  addr: 127.0.0.1:{Port}
                  secret: dry-run
                  tls:
                    certificate: {cert}
                    key: {_folder.Combine("key.pem")}
                auth:
                  htpasswd:
                    realm: dry-run
                    path: {_folder.Combine("htpasswd")}
                """);
            _server = new BackgroundProcess("docker-registry", "docker-registry", ["serve", config]);
            if (!LabNetwork.WaitUntil(Listening, TimeSpan.FromSeconds(20)))
            {
                throw new InvalidOperationException($"docker-registry did not listen on 127.0.0.1:{Port}:\n{_server.Output}");
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The user of the registry's one login.</summary>
    public string User => "dry-run";

    /// <summary>Its password: what the workflow gets as <c>secrets.GITHUB_TOKEN</c>.</summary>
    public string Token { get; } = Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant();

    public int Port { get; }

    /// <summary><c>127.0.0.1:PORT</c>, the registry part of an image reference.</summary>
    public string Host => $"127.0.0.1:{Port}";

    /// <summary>The variables skopeo and buildah need to reach this registry: its certificate, and a login file of the test's own.</summary>
    public IReadOnlyDictionary<string, string> ClientEnvironment => new Dictionary<string, string>
    {
        ["SSL_CERT_FILE"] = _folder.Combine("cert.pem"),
        ["REGISTRY_AUTH_FILE"] = _folder.Combine("auth.json"),
    };

    /// <summary>What the server printed (for a failure message).</summary>
    public string Log => _server?.Output ?? "";

    public static LocalRegistry Start() => new();

    public void Dispose()
    {
        try
        {
            _server?.Dispose();
        }
        finally
        {
            _folder.Dispose();
        }
    }

    private bool Listening()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
