using System.Text.Json;

namespace RouteFix.Cni;

/// <summary>What one callback receives: the CNI_* environment, the plugin's decoded configuration and its cniVersion.</summary>
/// <typeparam name="TConf">The plugin's configuration shape (<see cref="NetConfJson"/> plus its own fields).</typeparam>
/// <param name="cniVersion">The configuration's <c>cniVersion</c> ("0.1.0" when absent), already checked by the skeleton.</param>
public sealed class CniRequest<TConf>(CmdArgs args, TConf config, string cniVersion)
    where TConf : NetConfJson
{
    public CmdArgs Args { get; } = args;

    public TConf Config { get; } = config;

    public string CniVersion { get; } = cniVersion;
}

/// <summary>
/// A plugin as the skeleton sees it: its about text, how to read its configuration, and one callback per
/// CNI_COMMAND. The shape of containernetworking/cni pkg/skel/skel.go <c>CNIFuncs</c> plus <c>about</c>
/// (PluginMainFuncs); the skeleton owns VERSION. A callback reports failure by throwing: a
/// <see cref="CniException"/> is printed as it is, anything else goes through <see cref="ToCniError"/>.
/// </summary>
/// <param name="about">First line printed on stderr when CNI_COMMAND is unset (skel.go prints <c>about</c> there).</param>
/// <param name="readConfig">
/// Maps the stdin JSON object to <typeparamref name="TConf"/>, throwing code 7 for a wrongly typed field
/// (use <see cref="CniJson"/>'s readers). Runs before any validation, for every command but VERSION.
/// </param>
/// <param name="add">ADD: returns the result the skeleton prints on stdout.</param>
/// <param name="toCniError">
/// Translates the plugin's own exception types into CNI errors (null: not one of them); the skeleton reports
/// anything left as code 999, like skel.go's ErrInternal.
/// </param>
/// <remarks>Classes rather than records: a record's generated equality and printing add to the NativeAOT image.</remarks>
public sealed class CniPlugin<TConf>(
    string about,
    Func<JsonElement, TConf> readConfig,
    Func<CniRequest<TConf>, ResultJson> add,
    Action<CniRequest<TConf>> check,
    Action<CniRequest<TConf>> del,
    Action<CniRequest<TConf>> status,
    Action<CniRequest<TConf>> gc,
    Func<Exception, string, CniException?> toCniError)
    where TConf : NetConfJson
{
    public string About { get; } = about;

    public Func<JsonElement, TConf> ReadConfig { get; } = readConfig;

    public Func<CniRequest<TConf>, ResultJson> Add { get; } = add;

    public Action<CniRequest<TConf>> Check { get; } = check;

    public Action<CniRequest<TConf>> Del { get; } = del;

    public Action<CniRequest<TConf>> Status { get; } = status;

    public Action<CniRequest<TConf>> Gc { get; } = gc;

    public Func<Exception, string, CniException?> ToCniError { get; } = toCniError;
}
