using System.Text.Json;
using Testbed.Servers.Data;

namespace Testbed.Servers.Web.Endpoints;

/// <summary>
/// The hand-written writer of the raw forms. A candle's JSON names are its column names
/// (<see cref="CandleColumns"/>), which the model classes carry too, and System.Text.Json formats
/// numbers with the same <see cref="Utf8JsonWriter"/>, so the raw and model answers are byte for
/// byte the same.
/// </summary>
internal static class CandleJson
{
    public const string Data = "data";
    public const string ContentType = "application/json; charset=utf-8";

    private static readonly JsonEncodedText DataName = JsonEncodedText.Encode(Data);
    private static readonly JsonEncodedText BaseTmName = JsonEncodedText.Encode(CandleColumns.BaseTm);
    private static readonly JsonEncodedText OpenName = JsonEncodedText.Encode(CandleColumns.Open);
    private static readonly JsonEncodedText HighName = JsonEncodedText.Encode(CandleColumns.High);
    private static readonly JsonEncodedText LowName = JsonEncodedText.Encode(CandleColumns.Low);
    private static readonly JsonEncodedText CloseName = JsonEncodedText.Encode(CandleColumns.Close);
    private static readonly JsonEncodedText VolumeName = JsonEncodedText.Encode(CandleColumns.Volume);

    /// <summary>Writes <c>"data":[{...}, ...]</c> for the rows of <paramref name="block"/>.</summary>
    public static void WriteData(Utf8JsonWriter writer, CandleBlock block)
    {
        writer.WriteStartArray(DataName);
        for (var i = 0; i < block.Count; i++)
        {
            writer.WriteStartObject();
            writer.WriteNumber(BaseTmName, block.BaseTm[i]);
            writer.WriteNumber(OpenName, block.Open[i]);
            writer.WriteNumber(HighName, block.High[i]);
            writer.WriteNumber(LowName, block.Low[i]);
            writer.WriteNumber(CloseName, block.Close[i]);
            writer.WriteNumber(VolumeName, block.Volume[i]);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
