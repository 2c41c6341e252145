namespace Testbed.Servers.ParquetAdapter;

/// <summary>
/// Turns whatever a Parquet.Net call throws into a <see cref="ParquetFileException"/>, and waits for it.
/// Readers guard each column read (so the message names the column) and the whole read (Parquet.Net
/// decodes the schema and row-group metadata lazily, on first access).
/// </summary>
internal static class ParquetGuard
{
    public static async ValueTask<T> Run<T>(string file, string? column, Func<ValueTask<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw Wrap(file, column, e);
        }
    }

    public static async ValueTask Run(string file, string? column, Func<ValueTask> call)
    {
        try
        {
            await call();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw Wrap(file, column, e);
        }
    }

    /// <summary>
    /// Waits synchronously. The readers work on a MemoryStream, where Parquet.Net's awaits complete
    /// at once, so this blocks no thread-pool thread on a request path.
    /// </summary>
    public static T Wait<T>(ValueTask<T> task) => task.IsCompletedSuccessfully ? task.Result : task.AsTask().GetAwaiter().GetResult();

    public static ParquetFileException Wrap(string file, string? column, Exception e) =>
        e as ParquetFileException ?? new ParquetFileException(file, column, $"{Kind(e)}{e.Message}", e);

    // Parquet.Net's own messages say what is wrong; a bare runtime exception says little without its type.
    private static string Kind(Exception e) => e switch
    {
        global::Parquet.ParquetException or InvalidDataException or NotSupportedException => "",
        IOException => "unreadable: ",
        _ => "damaged or unsupported (" + e.GetType().Name + "): ",
    };
}
