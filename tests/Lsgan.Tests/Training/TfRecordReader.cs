using System.Buffers.Binary;
using System.Text;

namespace Lsgan.Tests.Training;

/// <summary>
/// The test's own reader of a TensorBoard event file, independent of TorchSharp: TFRecord framing (uint64 length,
/// masked CRC-32C of the length, data, masked CRC-32C of the data), and just enough protobuf to read an Event
/// (wall_time 1, step 2, file_version 3, summary 5), its Summary.Value list (tag 1, simple_value 2, image 4)
/// and an Image (height 1, width 2, encoded PNG 4).
/// </summary>
internal static class TfRecordReader
{
    public sealed record Value(string Tag, float? Scalar, byte[]? Png, int ImageHeight, int ImageWidth);

    public sealed record Event(double WallTime, long Step, string? FileVersion, IReadOnlyList<Value> Values);

    /// <summary>Every record's data; throws on a bad CRC or a truncated record.</summary>
    public static List<byte[]> ReadRecords(byte[] file)
    {
        var records = new List<byte[]>();
        int at = 0;
        while (at < file.Length)
        {
            if (file.Length - at < 12) throw new InvalidDataException($"truncated header at {at}");
            var lengthBytes = file.AsSpan(at, 8);
            ulong length = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
            uint lengthCrc = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 8, 4));
            if (lengthCrc != MaskedCrc32C(lengthBytes)) throw new InvalidDataException($"bad length CRC at {at}");
            at += 12;
            if ((ulong)(file.Length - at) < length + 4) throw new InvalidDataException($"truncated data at {at}");
            var data = file.AsSpan(at, (int)length);
            uint dataCrc = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + (int)length, 4));
            if (dataCrc != MaskedCrc32C(data)) throw new InvalidDataException($"bad data CRC at {at}");
            records.Add(data.ToArray());
            at += (int)length + 4;
        }
        return records;
    }

    public static List<Event> ReadEvents(string path) => [.. ReadRecords(File.ReadAllBytes(path)).Select(ParseEvent)];

    /// <summary>CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), bit by bit.</summary>
    public static uint Crc32C(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int i = 0; i < 8; i++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78 : crc >> 1;
        }
        return ~crc;
    }

    /// <summary>TFRecord's mask: rotate right by 15 bits, add 0xa282ead8.</summary>
    public static uint MaskedCrc32C(ReadOnlySpan<byte> data)
    {
        uint crc = Crc32C(data);
        return unchecked(((crc >> 15) | (crc << 17)) + 0xa282ead8);
    }

    private static Event ParseEvent(byte[] data)
    {
        double wallTime = 0;
        long step = 0;
        string? fileVersion = null;
        var values = new List<Value>();
        foreach (var (field, wire, raw, number) in Fields(data))
        {
            switch (field, wire)
            {
                case (1, 1): wallTime = BitConverter.Int64BitsToDouble((long)number); break;
                case (2, 0): step = (long)number; break;
                case (3, 2): fileVersion = Encoding.UTF8.GetString(raw); break;
                case (5, 2): values.AddRange(Fields(raw).Where(f => f.Field == 1).Select(f => ParseValue(f.Raw))); break;
            }
        }
        return new Event(wallTime, step, fileVersion, values);
    }

    private static Value ParseValue(byte[] data)
    {
        string tag = "";
        float? scalar = null;
        byte[]? png = null;
        int height = 0, width = 0;
        foreach (var (field, wire, raw, number) in Fields(data))
        {
            switch (field, wire)
            {
                case (1, 2): tag = Encoding.UTF8.GetString(raw); break;
                case (2, 5): scalar = BitConverter.Int32BitsToSingle((int)number); break;
                case (4, 2):
                    foreach (var image in Fields(raw))
                    {
                        if (image.Field == 1) height = (int)image.Number;
                        else if (image.Field == 2) width = (int)image.Number;
                        else if (image.Field == 4) png = image.Raw;
                    }
                    break;
            }
        }
        return new Value(tag, scalar, png, height, width);
    }

    /// <summary>A message's fields: number, wire type, bytes (length-delimited) or the value (varint, fixed32, fixed64).</summary>
    private static IEnumerable<(int Field, int Wire, byte[] Raw, ulong Number)> Fields(byte[] data)
    {
        int at = 0;
        while (at < data.Length)
        {
            ulong key = Varint(data, ref at);
            int field = (int)(key >> 3), wire = (int)(key & 7);
            switch (wire)
            {
                case 0:
                    yield return (field, wire, [], Varint(data, ref at));
                    break;
                case 1:
                    yield return (field, wire, [], BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(at, 8)));
                    at += 8;
                    break;
                case 2:
                    int length = (int)Varint(data, ref at);
                    yield return (field, wire, data.AsSpan(at, length).ToArray(), 0);
                    at += length;
                    break;
                case 5:
                    yield return (field, wire, [], BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(at, 4)));
                    at += 4;
                    break;
                default:
                    throw new InvalidDataException($"wire type {wire} of field {field}");
            }
        }
    }

    private static ulong Varint(byte[] data, ref int at)
    {
        ulong value = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = data[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
    }
}
