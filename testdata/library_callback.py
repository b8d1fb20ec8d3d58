import json


def hook(obj):
    obj["seen"] = True  # @hook-body
    return obj  # @hook-return


def main():
    data = json.loads('[{"a": 1}, {"b": 2}]', object_hook=hook)  # @loads
    print(len(data))  # @after-loads
    return data  # @main-return


main()
