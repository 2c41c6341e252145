namespace Testbed.Servers.Web.Endpoints;

/// <summary>The <c>form=</c> values of /candle: how the same candles become JSON.</summary>
internal static class CandleForms
{
    /// <summary>Model objects validated field by field, then the whole answer validated again against the declared response model.</summary>
    public const string Validated = "validated";

    /// <summary>Model objects validated field by field, serialized with System.Text.Json; no response-model pass.</summary>
    public const string Model = "model";

    /// <summary>The columns written straight to the response with Utf8JsonWriter.</summary>
    public const string Raw = "raw";

    public const string Default = Validated;

    public static readonly string[] All = [Validated, Model, Raw];
}
