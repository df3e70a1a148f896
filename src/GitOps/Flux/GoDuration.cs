using System.Globalization;

namespace GitOps.Flux;

/// <summary>A whole-second <see cref="TimeSpan"/> as Go's <c>time.Duration.String()</c> writes it ("1m0s", "10m0s", "1h0m0s"), the form Flux's own manifests use.</summary>
internal static class GoDuration
{
    public static string Format(TimeSpan value)
    {
        var total = (long)value.TotalSeconds;
        var (hours, minutes, seconds) = (total / 3600, total / 60 % 60, total % 60);
        var text = string.Create(CultureInfo.InvariantCulture, $"{hours}h{minutes}m{seconds}s");
        return hours > 0 ? text : minutes > 0 ? text[(text.IndexOf('h') + 1)..] : text[(text.IndexOf('m') + 1)..];
    }
}
