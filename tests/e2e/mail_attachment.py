#!/usr/bin/env python3
# Issue 19 e2e (manual 003 §8.4): the summary e-mail of a glosa response carries the result file. Reads the
# .eml files a service wrote (no SMTP in the tests) with Python's own e-mail parser, an independent reader
# of our MIME.
#   mail_attachment.py DIR SUBJECT_PREFIX OUT
# finds a message under DIR whose decoded subject starts with SUBJECT_PREFIX, writes its one attachment to
# OUT and prints the attachment's file name; exits 1 when there is no such message yet.
import email
import email.policy
import pathlib
import sys

root, prefix, out = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3]
for path in sorted(root.rglob("*.eml")):
    with open(path, "rb") as f:
        message = email.message_from_binary_file(f, policy=email.policy.default)
    if not str(message["Subject"]).startswith(prefix):
        continue
    parts = list(message.iter_attachments())
    assert len(parts) == 1, f"{path}: {len(parts)} attachments"
    pathlib.Path(out).write_bytes(parts[0].get_content())
    print(parts[0].get_filename())
    sys.exit(0)
sys.exit(1)
