namespace GitOps;

/// <summary>
/// One file of a lab's output, as <see cref="LabGenerator.Generate"/> returns it and a build writes it.
/// </summary>
/// <param name="Path">Relative to the output folder, with '/' separators, e.g. <c>networks/kustomization.yaml</c>.</param>
/// <param name="Text">The whole content: LF line ends, ending in a newline; written as UTF-8 without a byte order mark.</param>
public readonly record struct GeneratedFile(string Path, string Text);
