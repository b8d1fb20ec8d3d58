# Its first line leaves a mark: with --wait-for-client, not before configurationDone.
open(__import__("sys").argv[1], "w").close()
marked = True  # @after-mark
print("marked", marked)
