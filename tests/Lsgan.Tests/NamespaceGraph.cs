using System.Reflection;
using System.Reflection.Emit;
using System.Text.RegularExpressions;

namespace Lsgan.Tests;

/// <summary>
/// Which namespaces of an assembly use which others: every type a type names in its signatures, attributes,
/// locals and method bodies (read from the compiled IL, so names in scope without a using count too), plus the
/// namespaces its source files import with <c>using</c> (which IL misses when only constants are used).
/// </summary>
public sealed partial class NamespaceGraph
{
    private const BindingFlags Declared =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (OpCode)field.GetValue(null)!)
        .ToDictionary(opCode => opCode.Value);

    private NamespaceGraph(IReadOnlyDictionary<string, HashSet<string>> edges) => Edges = edges;

    /// <summary>For each namespace, the other namespaces of the same assembly it uses.</summary>
    public IReadOnlyDictionary<string, HashSet<string>> Edges { get; }

    /// <summary>The graph of <paramref name="assembly"/>'s namespaces, with the usings of the .cs files under <paramref name="sourceDirectory"/>.</summary>
    public static NamespaceGraph Of(Assembly assembly, string sourceDirectory)
    {
        string? Namespace(Type type) => NamespaceIn(assembly, type);
        var namespaces = assembly.GetTypes().Select(Namespace).OfType<string>().ToHashSet();
        var edges = namespaces.ToDictionary(name => name, _ => new HashSet<string>());
        foreach (var type in assembly.GetTypes())
        {
            if (Namespace(type) is not { } from) continue;
            foreach (var used in TypesUsedBy(type).Select(Namespace).OfType<string>())
            {
                if (used != from) edges[from].Add(used);
            }
        }
        foreach (string file in Directory.EnumerateFiles(sourceDirectory, "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")) continue;
            string text = File.ReadAllText(file);
            if (FileNamespace().Match(text) is not { Success: true } declared) continue;
            foreach (Match import in UsingDirective().Matches(text))
            {
                // "using static Lsgan.X.Type" names a type: its namespace is the longest known prefix.
                string name = import.Groups["name"].Value;
                string? used = namespaces.Where(n => name == n || name.StartsWith(n + ".")).MaxBy(n => n.Length);
                if (used is not null && used != declared.Groups["name"].Value) edges[declared.Groups["name"].Value].Add(used);
            }
        }
        return new NamespaceGraph(edges);
    }

    /// <summary>A graph given by its edges, for testing the cycle search itself.</summary>
    public static NamespaceGraph From(IReadOnlyDictionary<string, HashSet<string>> edges) => new(edges);

    /// <summary>A cycle as a path that starts and ends at the same namespace, or null when there is none.</summary>
    public IReadOnlyList<string>? FindCycle()
    {
        var finished = new HashSet<string>();
        var path = new List<string>();
        foreach (string start in Edges.Keys.Order())
        {
            if (Visit(start, finished, path) is { } cycle) return cycle;
        }
        return null;
    }

    private List<string>? Visit(string node, HashSet<string> finished, List<string> path)
    {
        int onPath = path.IndexOf(node);
        if (onPath >= 0) return [.. path[onPath..], node];
        if (finished.Contains(node)) return null;
        path.Add(node);
        foreach (string next in Edges.GetValueOrDefault(node, []).Order())
        {
            if (Visit(next, finished, path) is { } cycle) return cycle;
        }
        path.RemoveAt(path.Count - 1);
        finished.Add(node);
        return null;
    }

    /// <summary>The namespace of <paramref name="type"/> (of its outermost type, for nested ones) when it is in <paramref name="assembly"/>.</summary>
    private static string? NamespaceIn(Assembly assembly, Type type)
    {
        while (type.DeclaringType is { } outer) type = outer;
        return type.Assembly == assembly ? type.Namespace : null;
    }

    private static IEnumerable<Type> TypesUsedBy(Type type)
    {
        var direct = new List<Type>();
        if (type.BaseType is { } baseType) direct.Add(baseType);
        direct.AddRange(type.GetInterfaces());
        direct.AddRange(type.GetCustomAttributesData().Select(a => a.AttributeType));
        direct.AddRange(type.GetFields(Declared).Select(f => f.FieldType));
        direct.AddRange(type.GetProperties(Declared).Select(p => p.PropertyType));
        direct.AddRange(type.GetEvents(Declared).Select(e => e.EventHandlerType).OfType<Type>());
        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            if (method is MethodInfo info) direct.Add(info.ReturnType);
            direct.AddRange(method.GetParameters().Select(p => p.ParameterType));
            direct.AddRange(method.GetCustomAttributesData().Select(a => a.AttributeType));
            direct.AddRange(TypesInBody(type, method));
        }
        return direct.SelectMany(Expand);
    }

    /// <summary>The types of a method's locals and of every type, method and field its IL names.</summary>
    private static IEnumerable<Type> TypesInBody(Type type, MethodBase method)
    {
        if (method.GetMethodBody() is not { } body) yield break;
        foreach (var local in body.LocalVariables) yield return local.LocalType;
        byte[] il = body.GetILAsByteArray() ?? [];
        var typeArguments = type.IsGenericType ? type.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (int i = 0; i < il.Length;)
        {
            short value = il[i] == 0xFE ? unchecked((short)(0xFE00 | il[i + 1])) : il[i];
            i += il[i] == 0xFE ? 2 : 1;
            var opCode = OpCodesByValue[value];
            if (opCode.OperandType is OperandType.InlineType or OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineTok)
            {
                var member = method.Module.ResolveMember(BitConverter.ToInt32(il, i), typeArguments, methodArguments)!;
                if (member.DeclaringType is { } declaring) yield return declaring;
                switch (member)
                {
                    case Type named:
                        yield return named;
                        break;
                    case FieldInfo field:
                        yield return field.FieldType;
                        break;
                    case MethodInfo called:
                        yield return called.ReturnType;
                        foreach (var argument in called.GetGenericArguments()) yield return argument;
                        foreach (var parameter in called.GetParameters()) yield return parameter.ParameterType;
                        break;
                    case ConstructorInfo constructor:
                        foreach (var parameter in constructor.GetParameters()) yield return parameter.ParameterType;
                        break;
                }
            }
            i += OperandSize(opCode.OperandType, il, i);
        }
    }

    private static int OperandSize(OperandType operand, byte[] il, int at) => operand switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineBrTarget or OperandType.InlineField or OperandType.InlineI or OperandType.InlineMethod
            or OperandType.InlineSig or OperandType.InlineString or OperandType.InlineTok or OperandType.InlineType
            or OperandType.ShortInlineR => 4,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, at),
        _ => throw new NotSupportedException($"IL operand type {operand}"),
    };

    /// <summary>A type with the types it is built from: elements of arrays and pointers, generic arguments.</summary>
    private static IEnumerable<Type> Expand(Type type)
    {
        if (type.IsGenericParameter) yield break;
        if (type.HasElementType)
        {
            foreach (var element in Expand(type.GetElementType()!)) yield return element;
            yield break;
        }
        yield return type;
        if (!type.IsGenericType) yield break;
        foreach (var argument in type.GetGenericArguments().SelectMany(Expand)) yield return argument;
    }

    [GeneratedRegex(@"^namespace\s+(?<name>[\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex FileNamespace();

    [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?(?<name>Lsgan(?:\.\w+)*)\s*;", RegexOptions.Multiline)]
    private static partial Regex UsingDirective();
}
