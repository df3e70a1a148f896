namespace GitOps.Output;

/// <summary>STUB: the one YAML writer (issue 2) replaces this.</summary>
public static class YamlRenderer
{
    public static IReadOnlyList<RenderedFile> Render(ManifestSet set) =>
        set.Files.Select(f => new RenderedFile(f.RelativePath, System.Text.Encoding.UTF8.GetBytes(f.Text ?? ""))).ToArray();
}
