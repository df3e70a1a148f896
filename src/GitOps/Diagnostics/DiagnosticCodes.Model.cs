namespace GitOps.Diagnostics;

/// <summary>
/// Every stable diagnostic code, one range per concern:
/// GITOPS1xx model, GITOPS2xx output and build, GITOPS3xx schema validation, GITOPS4xx Fleet/Flux/hosts.
/// A code never changes meaning once released.
/// </summary>
public static partial class DiagnosticCodes
{
    public const string InvalidName = "GITOPS100";
    public const string InvalidCidr = "GITOPS101";
    public const string InvalidAddress = "GITOPS102";
    public const string GatewayOutsideSubnet = "GITOPS103";
    public const string VlanOutOfRange = "GITOPS104";
    public const string MtuOutOfRange = "GITOPS105";
    public const string AttachmentMtuAboveUplink = "GITOPS106";
    public const string SubnetOverlap = "GITOPS107";
    public const string BlockSizeOutOfRange = "GITOPS108";
    public const string InvalidInterfaceName = "GITOPS109";
    public const string CniVersionUnsupported = "GITOPS110";
    public const string UnknownReference = "GITOPS111";
    public const string DuplicateName = "GITOPS112";
    public const string MissingElement = "GITOPS113";
    public const string InvalidMac = "GITOPS114";
    public const string HostBitsSet = "GITOPS115";
    public const string InvalidConfFileName = "GITOPS116";
    public const string AddressOutsideSubnet = "GITOPS117";
    public const string InvalidImage = "GITOPS118";
    public const string InvalidDhcpOption = "GITOPS119";
    public const string InvalidPath = "GITOPS120";
    public const string InvalidValue = "GITOPS121";
    public const string DhcpDaemonSocketConflict = "GITOPS122";
}
