using System.Text.RegularExpressions;

namespace GitOps.Build;

/// <summary>
/// One line of the generator's output in MSBuild's canonical error format, restricted to GITOPS codes:
/// <c>origin[(line[,column])]: error|warning GITOPSnnn: message</c>. The origin is a file path, or the
/// tool name <c>GitOps</c> when no file is known.
/// </summary>
internal sealed partial record CanonicalLine(string? File, int Line, int Column, bool IsError, string Code, string Message)
{
    private const string ToolOrigin = "GitOps";

    public static CanonicalLine? Parse(string text)
    {
        var match = Pattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var origin = match.Groups["origin"].Value.Trim();
        return new CanonicalLine(
            origin.Length == 0 || origin == ToolOrigin ? null : origin,
            match.Groups["line"].Success ? int.Parse(match.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0,
            match.Groups["column"].Success ? int.Parse(match.Groups["column"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0,
            match.Groups["category"].Value == "error",
            match.Groups["code"].Value,
            match.Groups["message"].Value);
    }

    [GeneratedRegex(@"^(?<origin>.*?)(?:\((?<line>\d+)(?:,(?<column>\d+))?\))?: (?<category>error|warning) (?<code>GITOPS\d{3}): (?<message>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
