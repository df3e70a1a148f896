using System.Text.Json;

namespace RouteFix.Cni;

/// <summary>What one callback receives: the CNI_* environment, the plugin's decoded configuration and its cniVersion.</summary>
/// <typeparam name="TConf">The plugin's configuration shape (<see cref="NetConfJson"/> plus its own fields).</typeparam>
/// <param name="CniVersion">The configuration's <c>cniVersion</c> ("0.1.0" when absent), already checked by the skeleton.</param>
public sealed record CniRequest<TConf>(CmdArgs Args, TConf Config, string CniVersion)
    where TConf : NetConfJson;

/// <summary>
/// A plugin as the skeleton sees it: its about text, how to read its configuration, and one callback per
/// CNI_COMMAND. The shape of containernetworking/cni pkg/skel/skel.go <c>CNIFuncs</c> plus <c>about</c>
/// (PluginMainFuncs); the skeleton owns VERSION. A callback reports failure by throwing: a
/// <see cref="CniException"/> is printed as it is, anything else goes through <see cref="ToCniError"/>.
/// </summary>
/// <param name="About">First line printed on stderr when CNI_COMMAND is unset (skel.go prints <c>about</c> there).</param>
/// <param name="ReadConfig">
/// Maps the stdin JSON object to <typeparamref name="TConf"/>, throwing code 7 for a wrongly typed field
/// (use <see cref="CniJson"/>'s readers). Runs before any validation, for every command but VERSION.
/// </param>
/// <param name="Add">ADD: returns the result the skeleton prints on stdout.</param>
/// <param name="ToCniError">
/// Translates the plugin's own exception types into CNI errors (null: not one of them); the skeleton reports
/// anything left as code 999, like skel.go's ErrInternal.
/// </param>
public sealed record CniPlugin<TConf>(
    string About,
    Func<JsonElement, TConf> ReadConfig,
    Func<CniRequest<TConf>, ResultJson> Add,
    Action<CniRequest<TConf>> Check,
    Action<CniRequest<TConf>> Del,
    Action<CniRequest<TConf>> Status,
    Action<CniRequest<TConf>> Gc,
    Func<Exception, string, CniException?> ToCniError)
    where TConf : NetConfJson;
