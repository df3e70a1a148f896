using System.Reflection;
using System.Reflection.Emit;

namespace GitOps.TestSupport;

/// <summary>
/// Which namespace below a root (RouteFix.*, GitOps.*) uses which, read from the compiled assembly: every type's base type, interfaces,
/// fields, properties, events, method signatures, and the types, methods and fields its method bodies' IL names
/// (so a call inside a body counts, not only a signature). Compiler-generated closures count for their outer type.
/// </summary>
internal static class NamespaceGraph
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    public static IReadOnlyDictionary<string, SortedSet<string>> Of(Assembly assembly, string root)
    {
        var graph = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var type in assembly.GetTypes())
        {
            if (!InRoot(type.Namespace, root))
            {
                continue; // top-level Program (the composition root) and <PrivateImplementationDetails>
            }

            var from = type.Namespace!;
            var edges = graph.TryGetValue(from, out var set) ? set : graph[from] = new SortedSet<string>(StringComparer.Ordinal);
            void Use(Type? used)
            {
                foreach (var ns in Namespaces(used))
                {
                    if (InRoot(ns, root) && ns != from)
                    {
                        edges.Add(ns);
                    }
                }
            }

            foreach (var used in TypesUsedBy(type))
            {
                Use(used);
            }
        }

        return graph;
    }

    /// <summary>
    /// The types <paramref name="type"/> names: its base type, interfaces, fields, properties, events, method signatures,
    /// and the types, methods' declaring types and fields its method bodies' IL names (generic arguments are not expanded).
    /// </summary>
    public static IEnumerable<Type?> TypesUsedBy(Type type)
    {
        yield return type.BaseType;
        foreach (var i in type.GetInterfaces())
        {
            yield return i;
        }

        foreach (var f in type.GetFields(Declared))
        {
            yield return f.FieldType;
        }

        foreach (var p in type.GetProperties(Declared))
        {
            yield return p.PropertyType;
        }

        foreach (var e in type.GetEvents(Declared))
        {
            yield return e.EventHandlerType;
        }

        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            if (method is MethodInfo info)
            {
                yield return info.ReturnType;
            }

            foreach (var p in method.GetParameters())
            {
                yield return p.ParameterType;
            }

            foreach (var member in BodyReferences(method))
            {
                switch (member)
                {
                    case Type t:
                        yield return t;
                        break;
                    case FieldInfo f:
                        yield return f.DeclaringType;
                        yield return f.FieldType;
                        break;
                    case MethodBase m:
                        yield return m.DeclaringType;
                        if (m.IsGenericMethod)
                        {
                            foreach (var a in m.GetGenericArguments())
                            {
                                yield return a;
                            }
                        }

                        break;
                }
            }
        }
    }

    /// <summary>
    /// Every edge that lies on a cycle ("A -> B" where A and B are in one strongly connected component), sorted:
    /// the whole of the graph's cycles, so a list of them can be compared exactly.
    /// </summary>
    public static IReadOnlyList<string> CycleEdges(IReadOnlyDictionary<string, SortedSet<string>> graph)
    {
        var nodes = graph.Keys.Concat(graph.Values.SelectMany(v => v)).Distinct(StringComparer.Ordinal).ToArray();
        bool Reaches(string from, string to)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal) { from };
            var queue = new Queue<string>([from]);
            while (queue.TryDequeue(out var node))
            {
                foreach (var next in graph.TryGetValue(node, out var edges) ? edges : [])
                {
                    if (next == to)
                    {
                        return true;
                    }

                    if (seen.Add(next))
                    {
                        queue.Enqueue(next);
                    }
                }
            }

            return false;
        }

        return [.. nodes.SelectMany(a => (graph.TryGetValue(a, out var edges) ? edges : []).Where(b => Reaches(b, a)).Select(b => $"{a} -> {b}"))
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>A cycle as its path (A, B, ..., A), or null when the graph has none.</summary>
    public static IReadOnlyList<string>? FindCycle(IReadOnlyDictionary<string, SortedSet<string>> graph)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 on the path, 2 done
        var path = new List<string>();
        List<string>? Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var next in graph.TryGetValue(node, out var edges) ? edges : [])
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    return [.. path.Skip(path.IndexOf(next)), next];
                }

                if (state.GetValueOrDefault(next) == 0 && Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }

        foreach (var node in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (state.GetValueOrDefault(node) == 0 && Visit(node) is { } cycle)
            {
                return cycle;
            }
        }

        return null;
    }

    private static bool InRoot(string? ns, string root) => ns is not null && (ns == root || ns.StartsWith(root + ".", StringComparison.Ordinal));

    private static IEnumerable<string> Namespaces(Type? type)
    {
        if (type is null || type.IsGenericParameter)
        {
            yield break;
        }

        if (type.HasElementType)
        {
            foreach (var ns in Namespaces(type.GetElementType()))
            {
                yield return ns;
            }

            yield break;
        }

        if (type.Namespace is { } own)
        {
            yield return own;
        }

        if (type.IsGenericType)
        {
            foreach (var ns in type.GetGenericArguments().SelectMany(Namespaces))
            {
                yield return ns;
            }
        }
    }

    /// <summary>The members the method's IL names through metadata tokens (call, newobj, ldfld, ldtoken, box, ...).</summary>
    public static IEnumerable<MemberInfo> BodyReferences(MethodBase method) => Operands(method, strings: false).Cast<MemberInfo>();

    /// <summary>The string literals the method's IL loads (<c>ldstr</c>), in order.</summary>
    public static IEnumerable<string> BodyStrings(MethodBase method) => Operands(method, strings: true).Cast<string>();

    private static IEnumerable<object> Operands(MethodBase method, bool strings)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var i = 0; i < il.Length;)
        {
            var value = il[i] == 0xfe ? (short)(0xfe00 | il[i + 1]) : il[i];
            var opCode = OpCodesByValue[value];
            i += opCode.Size;
            switch (opCode.OperandType)
            {
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineType or OperandType.InlineTok:
                    if (!strings)
                    {
                        yield return method.Module.ResolveMember(BitConverter.ToInt32(il, i), typeArguments, methodArguments)!;
                    }

                    i += 4;
                    break;
                case OperandType.InlineString:
                    if (strings)
                    {
                        yield return method.Module.ResolveString(BitConverter.ToInt32(il, i));
                    }

                    i += 4;
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    i += 1;
                    break;
                case OperandType.InlineVar:
                    i += 2;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    i += 8;
                    break;
                case OperandType.InlineSwitch:
                    i += 4 + (4 * BitConverter.ToInt32(il, i));
                    break;
                default: // InlineBrTarget, InlineI, InlineSig, ShortInlineR
                    i += 4;
                    break;
            }
        }
    }
}
