namespace GitOps.Validation;

/// <summary>Settings for one <see cref="ManifestValidator.Validate(Output.ManifestSet, ManifestValidationOptions)"/> run.</summary>
internal sealed record ManifestValidationOptions
{
    /// <summary>
    /// The Multus version whose CNI rules apply (3.x reads cniVersion up to 0.4.0). Null: read it from the
    /// image tag of the Multus DaemonSet in the set; when the set has none, the version rule is skipped.
    /// </summary>
    public Version? MultusVersion { get; init; }
}
