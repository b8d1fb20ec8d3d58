import copy


class Fragile:
    def __deepcopy__(self, memo):
        raise RuntimeError("cannot copy")  # @deepcopy-raise


try:
    copy.deepcopy(Fragile())
except RuntimeError as exc:
    print("caught", exc)
