using System.Runtime.CompilerServices;

// A Lab comes only from LabBuilder.Build(): the model's constructors and init setters are internal (issue 11).
// These route-fix test and bench assemblies derive one attachment's conflist from a built lab with `with`
// (this run's dhcp socket, no route-fix, host-local instead of DHCP), as the library's own tests may.
[assembly: InternalsVisibleTo("RouteFix.IntegrationTests")]
[assembly: InternalsVisibleTo("RouteFix.Tests")]
[assembly: InternalsVisibleTo("RouteFix.Bench")]
