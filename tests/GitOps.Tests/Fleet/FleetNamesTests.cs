using GitOps.Fleet;
using Xunit;

namespace GitOps.Tests.Fleet;

/// <summary>
/// The bundle names dependsOn refers to. The first two theories are rancher/fleet's own cases
/// (internal/names/name_test.go), so the port is checked against Fleet's expectations, not ours.
/// </summary>
public sealed class FleetNamesTests
{
    private const string Str50 = "1234567890" + "1234567890" + "1234567890" + "1234567890" + "1234567890";
    private const string Str53 = Str50 + "123";
    private const string Str63 = Str50 + "1234567890" + "123";

    [Theory]
    [InlineData("1234567", 5, "12345")]
    [InlineData("1234567", 6, "123456")]
    [InlineData("1234567", 7, "1234567")]
    [InlineData("1234567", 8, "1234567")]
    [InlineData("12345678", 8, "12345678")]
    [InlineData("12345678", 7, "1-25d55")]
    [InlineData("123456789", 8, "12-25f9e")]
    [InlineData("1-3456789", 8, "1-9b657")]
    public void Limit_matches_fleets_own_cases(string text, int count, string expected) =>
        Assert.Equal(expected, FleetNames.Limit(text, count));

    [Theory]
    [InlineData(Str53, Str53)]
    [InlineData(Str53 + "a", "12345678901234567890123456789012345678901234567-fdba4")]
    [InlineData(Str63 + "a", "12345678901234567890123456789012345678901234567-eb12d")]
    [InlineData("long-name-test-shortpath-with@char", "long-name-test-shortpath-with-char-031bab5e")]
    [InlineData("long-name-test-shortpath-with+char", "long-name-test-shortpath-with-char-21c88393")]
    [InlineData("long-name-test-0.App_ ", "long-name-test-0-app-5bf6b3fb")]
    [InlineData("long-name-test--App_-_12.factor", "long-name-test-app-12-factor-0efbac37")]
    [InlineData("bundle.name.example.com", "bundle-name-example-com-645ef821")]
    [InlineData("1234567890123456789012345678901234567890123456-1234567", "1234567890123456789012345678901234567890123456-d0bce")]
    public void HelmReleaseName_matches_fleets_own_cases(string text, string expected) =>
        Assert.Equal(expected, FleetNames.HelmReleaseName(text));

    [Theory]
    [InlineData("home-lab", "manifests/crds", "home-lab-manifests-crds")]
    [InlineData("home-lab", "crds", "home-lab-crds")]
    [InlineData("home-lab", "./manifests//crds/", "home-lab-manifests-crds")]
    // 56 characters: cut to 47, '-', md5("home-lab-clusters-production-site-a-manifests-node-agent")[:5].
    [InlineData("home-lab", "clusters/production/site-a/manifests/node-agent", "home-lab-clusters-production-site-a-manifests-n-334e1")]
    // 69 characters from a long GitRepo name.
    [InlineData("a-very-long-gitrepo-name-for-the-home-lab-network", "manifests/workloads", "a-very-long-gitrepo-name-for-the-home-lab-netwo-06c25")]
    // Upper case and '_': md5("home-lab-Home_Lab-manifests-crds")[:8] appended before cleaning.
    [InlineData("home-lab", "Home_Lab/manifests/crds", "home-lab-home-lab-manifests-crds-7587f994")]
    public void BundleName_is_the_gitrepo_name_joined_with_the_path(string gitRepo, string path, string expected)
    {
        var name = FleetNames.BundleName(gitRepo, path);
        Assert.Equal(expected, name);
        Assert.True(name.Length <= FleetNames.MaxHelmReleaseNameLength, name);
    }

    [Fact]
    public void Long_names_keep_53_characters_and_differ_when_only_their_end_differs()
    {
        var a = FleetNames.BundleName("home-lab", "clusters/production/site-a/manifests/networks");
        var b = FleetNames.BundleName("home-lab", "clusters/production/site-a/manifests/node-agent");
        Assert.Equal(53, a.Length);
        Assert.Equal(53, b.Length);
        Assert.Equal(a[..47], b[..47]);
        Assert.NotEqual(a, b);
    }
}
