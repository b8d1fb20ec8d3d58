"""A library file that is a symlink out of the library (Debian's sitecustomize.py
links into /etc): it is library code where it is found, wherever it resolves to."""

import os
import shutil
import tempfile
import unittest
from unittest import mock

from dapper_agent import paths


class SymlinkedLibraryFileTests(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.dir)
        self.library = os.path.join(self.dir, "lib", "python3.x")
        etc = os.path.join(self.dir, "etc")
        os.makedirs(self.library)
        os.makedirs(etc)
        self.target = os.path.join(etc, "sitecustomize.py")
        with open(self.target, "w") as f:
            f.write("pass\n")
        self.link = os.path.join(self.library, "sitecustomize.py")
        os.symlink(self.target, self.link)
        roots = paths.library_roots([self.library])
        patches = [mock.patch.object(paths, "LIBRARY_ROOTS", roots), mock.patch.dict(paths._kind, clear=True)]
        for patch in patches:
            patch.start()
            self.addCleanup(patch.stop)

    def test_found_under_a_library_root_it_is_library_code(self):
        self.assertFalse(paths.is_user_file(self.link))

    def test_its_target_on_its_own_is_user_code(self):
        self.assertTrue(paths.is_user_file(self.target))

    def test_a_library_root_that_is_itself_a_symlink_counts_by_both_names(self):
        alias = os.path.join(self.dir, "alias")
        os.symlink(self.library, alias)
        with mock.patch.object(paths, "LIBRARY_ROOTS", paths.library_roots([alias])):
            paths._kind.clear()
            self.assertFalse(paths.is_user_file(os.path.join(self.library, "other.py")))
            self.assertFalse(paths.is_user_file(os.path.join(alias, "other.py")))


if __name__ == "__main__":
    unittest.main()
