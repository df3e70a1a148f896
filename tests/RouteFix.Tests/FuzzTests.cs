using System.Text;
using System.Text.Json;
using RouteFix.Cni;

namespace RouteFix.Tests;

/// <summary>Whatever arrives on stdin, the answer is one CNI error JSON with exit 1, never a stack trace.</summary>
public sealed class FuzzTests
{
    private static readonly uint[] SpecCodes =
    [
        CniErrorCodes.IncompatibleCniVersion, CniErrorCodes.ContainerUnknown, CniErrorCodes.InvalidEnvironmentVariables,
        CniErrorCodes.DecodingFailure, CniErrorCodes.InvalidNetworkConfig, CniErrorCodes.Internal,
    ];

    private static void AssertCniError(CniRun run, byte[] input)
    {
        var shown = Convert.ToBase64String(input.AsSpan(0, Math.Min(input.Length, 96)));
        Assert.True(run.ExitCode == 1, $"exit {run.ExitCode} for input (base64) {shown}: {run.Stdout}");
        Assert.DoesNotContain("   at ", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stderr);
        using var document = JsonDocument.Parse(run.Stdout);
        var root = document.RootElement;
        Assert.Contains(root.GetProperty("code").GetUInt32(), SpecCodes);
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("msg").GetString()));
        Assert.True(CniVersions.IsSupported(root.GetProperty("cniVersion").GetString()!));
    }

    [Theory]
    [InlineData("ADD")]
    [InlineData("CHECK")]
    public void Random_bytes(string command)
    {
        var random = new Random(4242);
        for (var i = 0; i < 400; i++)
        {
            var input = new byte[random.Next(0, 2048)];
            random.NextBytes(input);
            AssertCniError(CniRun.Invoke(CniRun.Env(command), input), input);
        }
    }

    [Fact]
    public void Mutated_valid_configs()
    {
        var random = new Random(7);
        var valid = Encoding.UTF8.GetBytes(Samples.Config(extra: ",\n  \"routes\": [{\"dst\": \"10.0.0.0/24\", \"gw\": \"192.168.2.1\"}]"));
        for (var i = 0; i < 1500; i++)
        {
            var input = (byte[])valid.Clone();
            for (var flips = random.Next(1, 6); flips > 0; flips--)
            {
                input[random.Next(input.Length)] = (byte)random.Next(256);
            }

            // A mutation may still be a valid config: then ADD gets as far as the (missing) namespace, code 3.
            AssertCniError(CniRun.Invoke(CniRun.Env(), input), input);
        }
    }

    [Theory]
    [InlineData("{")]
    [InlineData("\"")]
    [InlineData("null")]
    [InlineData("1e999999")]
    [InlineData("{\"cniVersion\":\"1.0.0\",\"name\":\"x\",\"prevResult\":{\"ips\":[{\"interface\":99999999999}]}}")]
    [InlineData("{\"cniVersion\":\"1.0.0\",\"name\":\"x\",\"prevResult\":{\"interfaces\":[null,{\"name\":null}]}}")]
    [InlineData("{\"cniVersion\":\"1.0.0\",\"name\":\"x\",\"prevResult\":{\"interfaces\":[{\"name\":\"net1\",\"sandbox\":\"/x\"}],\"ips\":[null]}}")]
    [InlineData("{\"name\":\"\\ud800\"}")]
    public void Edge_cases(string text)
    {
        var input = Encoding.UTF8.GetBytes(text);
        AssertCniError(CniRun.Invoke(CniRun.Env(), input), input);
    }

    [Fact]
    public void Deeply_nested_json()
    {
        var input = Encoding.UTF8.GetBytes(new string('[', 10_000) + new string(']', 10_000));
        AssertCniError(CniRun.Invoke(CniRun.Env(), input), input);
    }

    [Fact]
    public void Invalid_utf8_inside_a_string()
    {
        byte[] input = [.. "{\"cniVersion\":\"1.0.0\",\"name\":\""u8, 0xff, 0xfe, .. "\"}"u8];
        AssertCniError(CniRun.Invoke(CniRun.Env(), input), input);
    }
}
