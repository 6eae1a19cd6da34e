using System.Globalization;
using System.Text;
using CsvHelper;
using Microsoft.AspNetCore.Mvc;

namespace JlnbCrm.AdminPages.Csv;

/// <summary>CSV in and out of the pages: a header row, comma-separated, UTF-8 (with BOM, so Excel reads ₹ and names right).</summary>
public static class CsvFile
{
    public static async Task<FileContentResult> DownloadAsync<T>(IAsyncEnumerable<T> rows, string name, CancellationToken ct)
    {
        await using var buffer = new MemoryStream();
        await using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        await using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            csv.WriteHeader<T>();
            await csv.NextRecordAsync();
            await foreach (var row in rows.WithCancellation(ct))
            {
                csv.WriteRecord(row);
                await csv.NextRecordAsync();
            }
        }
        return new FileContentResult(buffer.ToArray(), "text/csv; charset=utf-8") { FileDownloadName = name };
    }

    /// <summary>Reads every record as header → text (with its row number, the header being row 1), so a bad value becomes a per-row error, not an exception.</summary>
    public static async Task<IReadOnlyList<(int Line, IReadOnlyDictionary<string, string> Cells)>> ReadAsync(string text, CancellationToken ct)
    {
        using var reader = new StringReader(text);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var rows = new List<(int, IReadOnlyDictionary<string, string>)>();
        if (!await csv.ReadAsync() || !csv.ReadHeader()) return rows;
        var header = csv.HeaderRecord!.Select(h => h.Trim()).ToArray();
        while (await csv.ReadAsync())
        {
            ct.ThrowIfCancellationRequested();
            var row = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < header.Length; i++) row[header[i]] = csv.TryGetField<string>(i, out var value) ? value?.Trim() ?? "" : "";
            rows.Add((csv.Parser.Row, row));
        }
        return rows;
    }
}
