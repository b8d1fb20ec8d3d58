"""Containers of several sizes, for the variables page benchmark."""

list_10 = list(range(10))
list_100 = list(range(100))
list_1m = list(range(1_000_000))
dict_10 = {"k%d" % i: i for i in range(10)}
dict_100 = {"k%d" % i: i for i in range(100)}
dict_100k = {"k%d" % i: i for i in range(100_000)}
print("ready")  # STOP
