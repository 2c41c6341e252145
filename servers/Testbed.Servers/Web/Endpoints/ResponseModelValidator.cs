using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

namespace Testbed.Servers.Web.Endpoints;

/// <summary>
/// What FastAPI does with a <c>response_model</c>: the handler's result (already validated models) is
/// copied, field by field and item by item, into a new instance of the declared response type, and
/// every instance is validated again by <see cref="ModelValidator"/>, the same mechanism that built the
/// models. That second pass over every row is the only difference between forms <c>validated</c> and
/// <c>model</c>, and the cost the candle experiment measures. Property maps are cached per type pair, as
/// pydantic compiles its validators once.
/// </summary>
internal static class ResponseModelValidator
{
    private static readonly ConcurrentDictionary<(Type Source, Type Target), FieldMap[]> Maps = new();

    /// <summary>Returns <paramref name="content"/> as a validated <typeparamref name="TResponse"/>; throws <see cref="ModelValidationException"/>.</summary>
    public static TResponse Build<TResponse>(object content)
        where TResponse : class, new() =>
        (TResponse)Convert(content, typeof(TResponse), new ModelLocation("response"));

    private static object Convert(object source, Type target, ModelLocation location)
    {
        var result = Activator.CreateInstance(target)
            ?? throw new ModelValidationException($"{location}: cannot create {target.Name}");
        foreach (var field in Maps.GetOrAdd((source.GetType(), target), static key => MapFields(key.Source, key.Target)))
        {
            var value = field.From is null
                ? throw new ModelValidationException($"{location.Field(field.To.Name)}: field required ({source.GetType().Name} has no such property)")
                : field.From.GetValue(source);
            if (value is null)
            {
                throw new ModelValidationException($"{location.Field(field.To.Name)}: field required");
            }

            if (field.ItemType is { } itemType)
            {
                var list = (IList)Activator.CreateInstance(field.To.PropertyType)!;
                var at = location.Field(field.To.Name);
                var index = 0;
                foreach (var item in (IEnumerable)value)
                {
                    list.Add(item is null ? throw new ModelValidationException($"{at.At(index)}: item required") : Convert(item, itemType, at.At(index)));
                    index++;
                }

                field.To.SetValue(result, list);
            }
            else if (field.To.PropertyType.IsInstanceOfType(value))
            {
                field.To.SetValue(result, value);
            }
            else
            {
                throw new ModelValidationException($"{location.Field(field.To.Name)}: expected {field.To.PropertyType.Name}, got {value.GetType().Name}");
            }
        }

        ModelValidator.Validate(result, location);
        return result;
    }

    private static FieldMap[] MapFields(Type source, Type target) =>
        target.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .Select(to =>
            {
                var from = source.GetProperty(to.Name, BindingFlags.Public | BindingFlags.Instance);
                var itemType = to.PropertyType.IsGenericType && to.PropertyType.GetGenericTypeDefinition() == typeof(List<>)
                    ? to.PropertyType.GetGenericArguments()[0]
                    : null;
                return new FieldMap(from, to, itemType);
            })
            .ToArray();

    private sealed record FieldMap(PropertyInfo? From, PropertyInfo To, Type? ItemType);
}
