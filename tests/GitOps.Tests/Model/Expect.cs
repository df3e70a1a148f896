using System.Runtime.CompilerServices;
using GitOps.Diagnostics;
using Xunit;

namespace GitOps.Tests.Model;

/// <summary>Where a diagnostic must point in the user's code.</summary>
internal enum Origin
{
    /// <summary>The builder call written in the test, on the line where <see cref="Expect.Error"/> is called.</summary>
    ThisLine,

    /// <summary>An element the blog's lab declares (in BlogLab.cs), e.g. the lab or a section.</summary>
    BlogLab,
}

internal static class Expect
{
    /// <summary>
    /// Builds the blog's lab with <paramref name="change"/> and checks that it fails with exactly one
    /// diagnostic: the code, the model path, a message naming the bad value and the fix, and the
    /// user's file and line.
    /// </summary>
    public static Diagnostic Error(LabChange change, string code, string path, string value, string fix,
        Origin origin = Origin.ThisLine, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        var diagnostics = Errors(change);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(code, diagnostic.Code);
        Assert.Equal(path, diagnostic.Path);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains(value, diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains(fix, diagnostic.Message, StringComparison.Ordinal);
        if (origin == Origin.ThisLine)
        {
            Assert.Equal(file, diagnostic.File);
            Assert.Equal(line, diagnostic.Line);
        }
        else
        {
            Assert.Equal(nameof(BlogLab) + ".cs", Path.GetFileName(diagnostic.File));
            Assert.True(diagnostic.Line > 0, $"no line for {diagnostic}");
        }

        return diagnostic;
    }

    /// <summary>Builds the blog's lab with <paramref name="change"/>; it must fail. Returns every diagnostic.</summary>
    public static IReadOnlyList<Diagnostic> Errors(LabChange change)
    {
        var builder = BlogLab.Builder(change);
        var exception = Assert.Throws<LabValidationException>(() => builder.Build());
        Assert.NotEmpty(exception.Diagnostics);
        return exception.Diagnostics;
    }
}
