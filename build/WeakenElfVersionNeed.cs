using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// Sets VER_FLG_WEAK on the ELF64 version-need entry (SHT_GNU_verneed) named <see cref="VersionName"/>
/// so that glibc's loader tolerates a libstdc++ that lacks that symbol version.
/// Layout per the System V gABI / LSB: Elf64_Verneed {u16 version, u16 cnt, u32 file, u32 aux, u32 next},
/// Elf64_Vernaux {u32 hash, u16 flags, u16 other, u32 name, u32 next}.
/// </summary>
public sealed class WeakenElfVersionNeed : Task
{
    [Required] public string LibraryPath { get; set; } = "";
    [Required] public string VersionName { get; set; } = "";

    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;

    public override bool Execute()
    {
        byte[] elf = File.ReadAllBytes(LibraryPath);
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F'
            || elf[4] != 2 || elf[5] != 1)
        {
            Log.LogWarning($"{LibraryPath} is not a little-endian ELF64 file; not patched.");
            return true;
        }

        ulong sectionTable = BitConverter.ToUInt64(elf, 0x28);
        int sectionSize = BitConverter.ToUInt16(elf, 0x3a);
        int sectionCount = BitConverter.ToUInt16(elf, 0x3c);
        int patched = 0;
        for (int i = 0; i < sectionCount; i++)
        {
            int header = checked((int)sectionTable + i * sectionSize);
            if (BitConverter.ToUInt32(elf, header + 4) != ShtGnuVerneed) continue;
            int offset = checked((int)BitConverter.ToUInt64(elf, header + 0x18));
            int link = (int)BitConverter.ToUInt32(elf, header + 0x28);
            int stringsHeader = checked((int)sectionTable + link * sectionSize);
            int strings = checked((int)BitConverter.ToUInt64(elf, stringsHeader + 0x18));
            patched += WeakenEntries(elf, offset, strings);
        }

        if (patched > 0)
        {
            File.WriteAllBytes(LibraryPath, elf);
            Log.LogMessage(MessageImportance.Normal, $"Marked {VersionName} weak in {LibraryPath}.");
        }
        return true;
    }

    private int WeakenEntries(byte[] elf, int need, int strings)
    {
        int patched = 0;
        while (true)
        {
            int count = BitConverter.ToUInt16(elf, need + 2);
            int aux = need + (int)BitConverter.ToUInt32(elf, need + 8);
            for (int j = 0; j < count; j++)
            {
                int nameOffset = strings + (int)BitConverter.ToUInt32(elf, aux + 8);
                ushort flags = BitConverter.ToUInt16(elf, aux + 4);
                if (ReadCString(elf, nameOffset) == VersionName && (flags & VerFlgWeak) == 0)
                {
                    BitConverter.GetBytes((ushort)(flags | VerFlgWeak)).CopyTo(elf, aux + 4);
                    patched++;
                }
                uint nextAux = BitConverter.ToUInt32(elf, aux + 12);
                if (nextAux == 0) break;
                aux += (int)nextAux;
            }
            uint next = BitConverter.ToUInt32(elf, need + 12);
            if (next == 0) return patched;
            need += (int)next;
        }
    }

    private static string ReadCString(byte[] bytes, int start)
    {
        int end = Array.IndexOf(bytes, (byte)0, start);
        return Encoding.ASCII.GetString(bytes, start, end - start);
    }
}
