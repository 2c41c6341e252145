namespace Testbed.Parquet.Reading;

/// <summary>
/// The largest single allocation a read may make, derived from the file's size, so that a tiny
/// hostile file cannot claim gigabytes through its headers (see <see cref="ParquetReadOptions"/>).
/// </summary>
internal sealed class AllocationBudget(long limit)
{
    public long Limit { get; } = limit;

    public int CheckedLength(long count, int elementSize, string what)
    {
        if (count < 0)
        {
            throw new ParquetException($"{what}: negative size {count}");
        }

        if (count * elementSize > Limit || count > Array.MaxLength)
        {
            throw new ParquetException($"{what}: {count} elements of {elementSize} bytes exceed the allocation limit of {Limit} bytes for this file");
        }

        return (int)count;
    }
}
