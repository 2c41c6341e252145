using System.Reflection;
using System.Reflection.Emit;

namespace Testbed.Suite.Tests.Architecture;

/// <summary>
/// Which of an assembly's namespaces use which, read from the compiled code: every type's base
/// type, interfaces, fields, properties, method signatures and generic arguments, and every type,
/// method and field token in its method bodies (a fully qualified <c>Launch.CorePlan</c> without a
/// <c>using</c>, a lambda's closure class, a static call: all of them reach the IL). Nested and
/// compiler-generated types count for the namespace of the type they are declared in.
/// </summary>
internal static class NamespaceGraph
{
    private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>Namespace → the other namespaces of <paramref name="assembly"/> under <paramref name="root"/> it references.</summary>
    public static Dictionary<string, HashSet<string>> Build(Assembly assembly, string root)
    {
        var graph = new Dictionary<string, HashSet<string>>();
        foreach (var type in assembly.GetTypes())
        {
            if (NamespaceOf(type, root) is not { } from)
            {
                continue;
            }

            var edges = graph.TryGetValue(from, out var set) ? set : graph[from] = [];
            foreach (var used in Referenced(type))
            {
                if (used.Assembly == assembly && NamespaceOf(used, root) is { } to && to != from)
                {
                    edges.Add(to);
                }
            }
        }

        return graph;
    }

    /// <summary>One namespace cycle (a → b → … → a), or null when the graph has none.</summary>
    public static List<string>? FindCycle(Dictionary<string, HashSet<string>> graph)
    {
        var state = new Dictionary<string, int>(); // 1 on the path, 2 done
        var path = new List<string>();
        foreach (var start in graph.Keys.Order())
        {
            if (Visit(start) is { } cycle)
            {
                return cycle;
            }
        }

        return null;

        List<string>? Visit(string node)
        {
            if (state.GetValueOrDefault(node) == 2)
            {
                return null;
            }

            if (state.GetValueOrDefault(node) == 1)
            {
                return [.. path.Skip(path.IndexOf(node)), node];
            }

            state[node] = 1;
            path.Add(node);
            foreach (var next in graph.GetValueOrDefault(node, []).Order())
            {
                if (Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }
    }

    private static string? NamespaceOf(Type type, string root)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }

        var name = type.Namespace;
        return name is not null && (name == root || name.StartsWith(root + ".", StringComparison.Ordinal)) ? name : null;
    }

    private static IEnumerable<Type> Referenced(Type type)
    {
        var found = new List<Type>();
        if (type.BaseType is { } baseType)
        {
            found.Add(baseType);
        }

        found.AddRange(type.GetInterfaces());
        found.AddRange(type.GetFields(Everything).Select(f => f.FieldType));
        found.AddRange(type.GetProperties(Everything).Select(p => p.PropertyType));
        foreach (var method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
        {
            if (method is MethodInfo info)
            {
                found.Add(info.ReturnType);
            }

            found.AddRange(method.GetParameters().Select(p => p.ParameterType));
            found.AddRange(FromBody(method));
        }

        return found.SelectMany(Flatten);
    }

    /// <summary>The types whose tokens a method's IL uses (types, and the declaring types of methods and fields).</summary>
    private static IEnumerable<Type> FromBody(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            return [];
        }

        var found = new List<Type>();
        var module = method.Module;
        var typeArguments = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        found.AddRange(method.GetMethodBody()!.LocalVariables.Select(l => l.LocalType));
        var at = 0;
        while (at < il.Length)
        {
            short value = il[at++];
            if (value == 0xFE)
            {
                value = (short)(0xFE00 | il[at++]);
            }

            var code = OpCodesByValue[value];
            switch (code.OperandType)
            {
                case OperandType.InlineType or OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineTok:
                    var member = module.ResolveMember(BitConverter.ToInt32(il, at), typeArguments, methodArguments);
                    switch (member)
                    {
                        case Type t:
                            found.Add(t);
                            break;
                        case MethodBase m:
                            found.Add(m.DeclaringType!);
                            found.AddRange(m.GetParameters().Select(p => p.ParameterType));
                            if (m is MethodInfo mi)
                            {
                                found.Add(mi.ReturnType);
                                if (mi.IsGenericMethod)
                                {
                                    found.AddRange(mi.GetGenericArguments());
                                }
                            }

                            break;
                        case FieldInfo f:
                            found.Add(f.DeclaringType!);
                            found.Add(f.FieldType);
                            break;
                    }

                    at += 4;
                    break;
                case OperandType.InlineSwitch:
                    at += 4 + (4 * BitConverter.ToInt32(il, at));
                    break;
                default:
                    at += OperandSize(code.OperandType);
                    break;
            }
        }

        return found;
    }

    private static int OperandSize(OperandType operand) => operand switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => 4,
    };

    private static IEnumerable<Type> Flatten(Type type)
    {
        if (type.HasElementType)
        {
            return Flatten(type.GetElementType()!);
        }

        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            return new[] { type.GetGenericTypeDefinition() }.Concat(type.GetGenericArguments().SelectMany(Flatten));
        }

        return type.IsGenericParameter ? [] : [type];
    }
}
