using GitOps.Diagnostics;
using GitOps.Validation;
using Xunit;

namespace GitOps.Tests.Validation;

/// <summary>The semantic rule for Calico autodetection: canReach needs an IP address or host name.</summary>
public sealed class CalicoRulesTests
{
    private static string Installation(string family, string method) => $"""
        apiVersion: operator.tigera.io/v1
        kind: Installation
        metadata:
          name: default
        spec:
          calicoNetwork:
            {family}:
              {method}
        """;

    [Theory]
    [InlineData("192.168.3.1")]
    [InlineData("gateway.lan")]
    [InlineData("router")]
    [InlineData("fd00::1")]
    public void CanReach_an_address_or_host_name_is_accepted(string target)
    {
        Assert.Empty(ValidationHarness.ValidateYaml("i.yaml", Installation("nodeAddressAutodetectionV4", $"canReach: {target}")));
    }

    [Theory]
    [InlineData("nodeAddressAutodetectionV4", "eth1")]
    [InlineData("nodeAddressAutodetectionV4", "enp0s3")]
    [InlineData("nodeAddressAutodetectionV4", "eth1.20")]
    [InlineData("nodeAddressAutodetectionV6", "ens18")]
    public void CanReach_an_interface_name_is_rejected_with_the_interface_fix(string family, string target)
    {
        var error = ValidationHarness.OneProblem("i.yaml", Installation(family, $"canReach: {target}"), DiagnosticCodes.CalicoCanReachNotAddress, $"i.yaml#/spec/calicoNetwork/{family}/canReach");
        Assert.Contains($"interface: ^{target.Replace(".", "\\.")}$", error.Message);
    }

    [Fact]
    public void CanReach_that_is_neither_is_rejected()
    {
        var error = Assert.Single(ValidationHarness.ValidateYaml("i.yaml", Installation("nodeAddressAutodetectionV4", "canReach: 'not a host'")));

        Assert.Equal(DiagnosticCodes.CalicoCanReachNotAddress, error.Code);
        Assert.Contains("give an IP address or host name", error.Message);
    }

    [Fact]
    public void The_interface_method_is_not_affected()
    {
        Assert.Empty(ValidationHarness.ValidateYaml("i.yaml", Installation("nodeAddressAutodetectionV4", "interface: ^eth1$")));
        Assert.False(CalicoRules.IsAddressOrHostName("eth0"));
        Assert.True(CalicoRules.IsAddressOrHostName("eth0.example.org"));
    }
}
