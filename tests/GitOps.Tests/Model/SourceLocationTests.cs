using GitOps.Topology;
using Xunit;

namespace GitOps.Tests.Model;

/// <summary>How a declaration's place is written in a message ("first declared at Program.cs:14").</summary>
public sealed class SourceLocationTests
{
    [Theory]
    [InlineData("/src/lab/Program.cs", 14, "Program.cs:14", " (first declared at Program.cs:14)")]
    [InlineData("/src/lab/Program.cs", 0, "Program.cs", " (first declared at Program.cs)")] // a line unknown is not ":0"
    [InlineData("", 14, null, "")]
    [InlineData(null, 0, null, "")]
    public void A_location_is_written_with_what_is_known_of_it(string? file, int line, string? text, string firstDeclared)
    {
        var location = new SourceLocation(file, line);
        Assert.Equal((text, firstDeclared), (location.ShortText, location.FirstDeclared));
    }
}
