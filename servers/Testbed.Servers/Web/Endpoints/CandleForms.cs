namespace Testbed.Servers.Web.Endpoints;

/// <summary>The <c>form=</c> values of /candle: how the same candles become JSON.</summary>
internal static class CandleForms
{
    /// <summary>Model objects built and validated by <see cref="ModelValidator"/>, then the whole answer copied into the declared response model and validated again (FastAPI's <c>response_model</c>).</summary>
    public const string Validated = "validated";

    /// <summary>The same model objects, built and validated the same way, serialized with System.Text.Json; no response-model pass.</summary>
    public const string Model = "model";

    /// <summary>The columns written straight to the response with Utf8JsonWriter.</summary>
    public const string Raw = "raw";

    public const string Default = Validated;

    public static readonly string[] All = [Validated, Model, Raw];
}
