using System.Net;
using GitOps.Hosts;
using Xunit;

namespace GitOps.Tests.Bgp;

/// <summary>
/// frr.conf is a typed document (<see cref="FrrConfig"/>) written by <see cref="FrrRenderer"/> alone, as the networkd
/// units are: the text follows from the record, and a name FRR would split into two words is refused, not written.
/// (The sample's frr.conf is held byte for byte by its snapshot and loaded into FRR's bgpd by BgpPeeringTests.)
/// </summary>
public sealed class FrrRendererTests
{
    private static FrrConfig Config(string peerGroup = "lab-nodes", string description = "nodes") => new(
        Header: ["r1: a router"],
        Defaults: "traditional",
        PrefixList: [new FrrPrefixListEntry("lab-in", 10, IPNetwork.Parse("10.42.0.0/16"), 32)],
        RouteMaps: [new FrrRouteMap("lab-import", Permit: true, Order: 10, MatchPrefixList: "lab-in"), new FrrRouteMap("lab-export", Permit: false, Order: 10, MatchPrefixList: null)],
        Router: new FrrBgpRouter(65000, IPAddress.Parse("192.168.3.1"), new FrrPeerGroup(peerGroup, 64512, description, "lab-import", "lab-export"), IPNetwork.Parse("192.168.3.0/24")));

    [Fact]
    public void The_text_follows_from_the_record()
    {
        Assert.Equal(
            """
            ! r1: a router
            frr defaults traditional
            !
            ip prefix-list lab-in seq 10 permit 10.42.0.0/16 le 32
            !
            route-map lab-import permit 10
             match ip address prefix-list lab-in
            exit
            !
            route-map lab-export deny 10
            exit
            !
            router bgp 65000
             bgp router-id 192.168.3.1
             neighbor lab-nodes peer-group
             neighbor lab-nodes remote-as 64512
             neighbor lab-nodes description nodes
             bgp listen range 192.168.3.0/24 peer-group lab-nodes
             !
             address-family ipv4 unicast
              neighbor lab-nodes route-map lab-import in
              neighbor lab-nodes route-map lab-export out
             exit-address-family
            exit
            !

            """.ReplaceLineEndings("\n"),
            FrrRenderer.Render(Config()));
    }

    [Theory]
    [InlineData("lab nodes", "nodes")]
    [InlineData("lab-nodes", "nodes\nrouter bgp 1")]
    public void A_name_of_two_words_or_a_line_break_is_refused(string peerGroup, string description) =>
        Assert.Throws<ArgumentException>(() => FrrRenderer.Render(Config(peerGroup, description)));
}
