#!/usr/bin/env python3
"""Writes the LMDB 0.9 database that tests/Lsgan.Tests/Data/LmdbImagesTests.cs reads, with LMDB's own tool.

The database is written by mdb_load of LMDB 0.9.24 (Debian's lmdb-utils, the format LSUN and py-lmdb use), not by
lsgan, so the test checks lsgan's reader against an independent writer. No root is needed: the packages can be
fetched and unpacked into a scratch folder. Run it again only when the database must change, and commit data.mdb:

    apt-get download lmdb-utils liblmdb0 && for d in *.deb; do dpkg-deb -x $d x; done
    python3 tools/make-test-lmdb.py > /tmp/dump.txt
    LD_LIBRARY_PATH=x/usr/lib/x86_64-linux-gnu x/usr/bin/mdb_load -f /tmp/dump.txt tests/Lsgan.Tests/Data/Lmdb09

Entries (201, in key order; 4 KiB pages, a tree of depth 2 with a branch page, 5 leaf pages and one value on
3 overflow pages):
  img000 .. img199  a 6 x 4 RGB PNG filled with (i, 255 - i, 7 i mod 256)
  zz-noise          a 64 x 48 RGB PNG of uniform noise (Python's random.Random(0)), 9,332 bytes
"""
import random
import struct
import zlib


def png(width, height, rows):
    raw = b''.join(b'\x00' + bytes(row) for row in rows)

    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)

    header = struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0)
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', header) + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b'')


entries = [(b'img%03d' % i, png(6, 4, [[i, 255 - i, (7 * i) % 256] * 6] * 4)) for i in range(200)]
rng = random.Random(0)
entries.append((b'zz-noise', png(64, 48, [[rng.randrange(256) for _ in range(64 * 3)] for _ in range(48)])))
print('VERSION=3\nformat=bytevalue\ntype=btree\nHEADER=END')
for key, value in entries:
    print(' ' + key.hex())
    print(' ' + value.hex())
print('DATA=END')
