using System.Globalization;
using System.Text;
using GitOps.Fleet;
using GitOps.Flux;
using GitOps.Output;
using GitOps.Picture;
using GitOps.Tests.Support;
using Xunit;

namespace GitOps.Tests.Picture;

/// <summary>NETWORK.md: where it goes, what it says, and that it stays out of everything Fleet and Flux apply.</summary>
public sealed class NetworkPictureTests
{
    private static string Text(Topology.Lab lab) =>
        Encoding.UTF8.GetString(YamlRenderer.Render(LabGenerator.GenerateSet(lab)).Single(f => f.RelativePath == NetworkPictureEmitter.FileName).Content);

    /// <summary>The fenced mermaid block of a NETWORK.md.</summary>
    public static string Diagram(string markdown)
    {
        const string open = "```mermaid\n";
        var start = markdown.IndexOf(open, StringComparison.Ordinal) + open.Length;
        return markdown[start..markdown.IndexOf("\n```\n", start, StringComparison.Ordinal)] + "\n";
    }

    [Fact]
    public void A_lab_too_large_for_Mermaid_draws_alike_attachments_as_one_box_and_its_tables_still_list_each()
    {
        // Try-out 5: 1,000 attachments made a 110,577-character diagram with ~2,000 edges; Mermaid draws an error instead.
        var text = Text(LargeLab.Build("large", 600, i => $"default/layer2-{i:D3}"));
        var diagram = Diagram(text);

        Assert.True(diagram.Length <= NetworkPictureRenderer.MermaidMaxTextSize, $"{diagram.Length} characters");
        Assert.True(diagram.Split('\n').Count(l => l.Contains(" --- ", StringComparison.Ordinal) || l.Contains(" -.- ", StringComparison.Ordinal) || l.Contains(" --> ", StringComparison.Ordinal) || l.Contains(" ---|", StringComparison.Ordinal) || l.Contains(" -->|", StringComparison.Ordinal) || l.Contains(" -.->|", StringComparison.Ordinal)) <= NetworkPictureRenderer.MermaidMaxEdges);
        Assert.Contains("draws alike attachments (same device, nodes, IPAM and route-fix) as one box", text, StringComparison.Ordinal);
        Assert.Contains("att_0[\"600 NADs<br/>default/layer2-000 to default/layer2-599<br/>DHCP, route-fix\"]", diagram, StringComparison.Ordinal); // all alike: one box
        Assert.Contains("default/layer2-599", text.Split("```")[2], StringComparison.Ordinal); // the tables below the diagram
        Assert.DoesNotContain("draws alike attachments", Text(BlogLab.OneNode()), StringComparison.Ordinal); // a small lab: one box each
    }

    [Fact]
    public void A_lab_within_Mermaids_edge_limit_but_beyond_its_text_limit_is_grouped_too()
    {
        // 450 attachments on one node: fewer edges than Mermaid's 500 from the attachments alone (so the one-box-each
        // diagram is drawn and measured), but long names make it more than 50,000 characters.
        var text = Text(LargeLab.Build("large", 450, i => $"default/layer2-with-a-name-long-enough-to-matter-{i:D3}"));
        var diagram = Diagram(text);

        Assert.True(diagram.Length <= NetworkPictureRenderer.MermaidMaxTextSize, $"{diagram.Length} characters");
        Assert.Contains("draws alike attachments", text, StringComparison.Ordinal);
        Assert.Contains("att_0[\"450 NADs<br/>", diagram, StringComparison.Ordinal);

        // 100 of them fit both limits: one box each.
        var small = Diagram(Text(LargeLab.Build("large", 100, i => $"default/layer2-with-a-name-long-enough-to-matter-{i:D3}")));
        Assert.Contains("att_99[\"NAD default/layer2-with-a-name-long-enough-to-matter-099<br/>", small, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_lab_gets_NETWORK_md_at_the_top_of_the_output_folder()
    {
        Assert.Contains(LabGenerator.GenerateSet(BlogLab.OneNode()).Files, f => f.RelativePath == "NETWORK.md");
        Assert.Contains(LabGenerator.GenerateSet(HomeLab.HomeLabModel.Build()).Files, f => f.RelativePath == "NETWORK.md");
    }

    [Fact]
    public void NETWORK_md_is_in_no_Fleet_bundle_GitRepo_path_or_Flux_kustomization()
    {
        var lab = BlogLab.OneNode(extra: l => l.GitOps(g => g.Repository("https://github.com/you/lab.git", path: "manifests").Fleet().Flux()));
        var set = LabGenerator.GenerateSet(lab);
        var rendered = YamlRenderer.Render(set);

        // Fleet scans only the GitRepo's paths (each a bundle folder) and Flux applies only its Kustomizations' paths.
        var gitRepoPaths = set.Files.SelectMany(f => f.Objects).OfType<GitRepo>().SelectMany(g => g.Spec!.Paths ?? []).ToArray();
        var fluxPaths = set.Files.SelectMany(f => f.Objects).OfType<FluxKustomization>().Select(k => k.Spec!.Path!).ToArray();
        Assert.NotEmpty(gitRepoPaths);
        Assert.NotEmpty(fluxPaths);
        Assert.All(gitRepoPaths, p => Assert.StartsWith("manifests/", p, StringComparison.Ordinal));
        Assert.All(fluxPaths, p => Assert.StartsWith("./manifests/", p, StringComparison.Ordinal));
        Assert.DoesNotContain(gitRepoPaths.Concat(fluxPaths), p => p.TrimEnd('/') is "manifests" or "./manifests" or "." or "./" or "");

        // No kustomization.yaml lists it, and the bundle folders (the ones with a fleet.yaml) do not hold it.
        var listed = set.Files.SelectMany(f => f.Objects).OfType<KustomizeFile>().SelectMany(k => k.Resources ?? []);
        Assert.DoesNotContain(listed, r => r.EndsWith(".md", StringComparison.Ordinal));
        Assert.Equal("NETWORK.md", Assert.Single(set.Files, f => f.RelativePath.EndsWith(".md", StringComparison.Ordinal)).RelativePath);
        Assert.DoesNotContain(set.Files, f => f.RelativePath is "fleet.yaml" or "kustomization.yaml");
        Assert.Empty(FleetBundleSize.Check(rendered, _ => null));
    }

    [Fact]
    public void The_sample_picture_shows_its_networks_nodes_attachment_workload_and_router()
    {
        var text = Text(HomeLab.HomeLabModel.Build());
        Assert.Contains("  net_0([\"k8s<br/>VLAN 20<br/>192.168.3.0/24<br/>node network\"])", text, StringComparison.Ordinal);
        Assert.Contains("  subgraph node_1[\"node k8s-2\"]", text, StringComparison.Ordinal);
        Assert.Contains("    node_1_br_0[[\"bridge cni0\"]]", text, StringComparison.Ordinal);
        Assert.Contains("  wl_0 -->|\"net1\"| att_0", text, StringComparison.Ordinal);
        Assert.Contains("  router_0{{\"router<br/>BGP router, AS 64513\"}}", text, StringComparison.Ordinal);
        Assert.Contains("| k8s | VLAN 20 | 192.168.3.0/24 | 192.168.3.1 | 9000 | DHCP |", text, StringComparison.Ordinal);
        Assert.Contains("| k8s-2 | eth0 | lan | untagged | cni0 | 00:15:5d:02:cb:0a |", text, StringComparison.Ordinal);
        Assert.Contains("| router | 192.168.3.1 | 64513 | 64512 |", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_macvlan_attachment_hangs_off_the_nodes_plain_interface_in_the_picture()
    {
        var text = Text(BlogLab.Build(Model.MacvlanIpvlanRuleTests.IotOnPlainInterfaces(a => a.Macvlan().Dhcp())));

        // Attachments sort by name (default/iot is att_0); k8s-1's interfaces by name (eth0, eth1, eth2: eth2 is if_2).
        Assert.Contains("    node_0_if_2[\"eth2\"]", text, StringComparison.Ordinal);
        Assert.Contains("  att_0 -.- node_0_if_2", text, StringComparison.Ordinal);
        Assert.Contains("  att_0 -.- node_1_if_2", text, StringComparison.Ordinal);
        Assert.Contains("| default/iot | iot | macvlan on eth2 |", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_with_Mermaid_and_Markdown_syntax_are_written_as_entity_codes_and_escapes()
    {
        var text = Text(PictureLabs.Variation());
        var diagram = Diagram(text);
        // The interface e"#1;<&>|x: no raw quote, '<' or '|' inside a label; each as #NN; (mermaid decodes it).
        Assert.Contains("[\"e#34;#35;1#59;#60;#38;#62;#124;x\"]", diagram, StringComparison.Ordinal);
        Assert.Contains("[[\"bridge b#96;*_#91;x#93;#123;end#125;\"]]".Replace("*", "#42;", StringComparison.Ordinal), diagram, StringComparison.Ordinal);
        // In the tables each such character is backslash-escaped, so '|' does not split the cell.
        Assert.Contains("| k8s-2 | e\"\\#1;\\<\\&\\>\\|x | lan |", text, StringComparison.Ordinal);
        Assert.Equal("a\\|b\\_c", NetworkPictureRenderer.Cell("a|b_c"));
        Assert.Equal("ab-1.2/3 (x)", NetworkPictureRenderer.Label("ab-1.2/3 (x)"));
        Assert.Equal("#128512;#58;", NetworkPictureRenderer.Label("\U0001F600:"));
    }

    [Fact]
    public void NETWORK_md_is_the_same_bytes_in_every_culture()
    {
        var lab = PictureLabs.Variation();
        var invariant = Text(lab);
        var original = CultureInfo.CurrentCulture;
        try
        {
            foreach (var culture in new[] { "tr-TR", "ar-SA", "de-DE", "fa-IR" })
            {
                CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
                Assert.Equal(invariant, Text(lab));
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = original;
        }

        Assert.DoesNotContain('\r', invariant);
        Assert.EndsWith("\n", invariant, StringComparison.Ordinal);
    }
}
