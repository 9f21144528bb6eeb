package douyin

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strconv"
)

// The IM API answers in protobuf without a schema: this is a reader of
// the wire format only (fields by number), with every length checked
// against what is left, so hostile input cannot make it read past its
// end or allocate more than the input holds.

// pbField is one field of a protobuf message.
type pbField struct {
	num  int
	wire int
	v    uint64 // varint and fixed values
	b    []byte // length-delimited values
}

// maxPBDepth bounds nesting, so hostile input cannot recurse far.
const maxPBDepth = 16

// pbParse reads the fields of one protobuf message, with every length
// checked against what is left.
func pbParse(b []byte) ([]pbField, error) {
	var out []pbField
	for len(b) > 0 {
		key, n := binary.Uvarint(b)
		if n <= 0 {
			return nil, errors.New("protobuf: bad field key")
		}
		b = b[n:]
		f := pbField{num: int(key >> 3), wire: int(key & 7)}
		if f.num <= 0 || key>>3 > 1<<29 {
			return nil, fmt.Errorf("protobuf: bad field number %d", key>>3)
		}
		switch f.wire {
		case 0:
			v, n := binary.Uvarint(b)
			if n <= 0 {
				return nil, errors.New("protobuf: bad varint")
			}
			f.v, b = v, b[n:]
		case 1:
			if len(b) < 8 {
				return nil, errors.New("protobuf: short fixed64")
			}
			f.v, b = binary.LittleEndian.Uint64(b), b[8:]
		case 2:
			l, n := binary.Uvarint(b)
			if n <= 0 || l > uint64(len(b)-n) {
				return nil, errors.New("protobuf: bad length")
			}
			f.b, b = b[n:n+int(l)], b[n+int(l):]
		case 5:
			if len(b) < 4 {
				return nil, errors.New("protobuf: short fixed32")
			}
			f.v, b = uint64(binary.LittleEndian.Uint32(b)), b[4:]
		default:
			return nil, fmt.Errorf("protobuf: wire type %d", f.wire)
		}
		out = append(out, f)
	}
	return out, nil
}

// pbMessage is a parsed message with typed accessors.
type pbMessage []pbField

func (m pbMessage) varint(num int) uint64 {
	for _, f := range m {
		if f.num == num && f.wire == 0 {
			return f.v
		}
	}
	return 0
}

func (m pbMessage) bytes(num int) []byte {
	for _, f := range m {
		if f.num == num && f.wire == 2 {
			return f.b
		}
	}
	return nil
}

func (m pbMessage) all(num int) [][]byte {
	var out [][]byte
	for _, f := range m {
		if f.num == num && f.wire == 2 {
			out = append(out, f.b)
		}
	}
	return out
}

func (m pbMessage) sub(num int, depth int) (pbMessage, error) {
	b := m.bytes(num)
	if b == nil {
		return nil, nil
	}
	if depth > maxPBDepth {
		return nil, errors.New("protobuf: nested too deep")
	}
	f, err := pbParse(b)
	return pbMessage(f), err
}

// str returns a length-delimited field as a string ("" when absent).
func (m pbMessage) str(num int) string { return string(m.bytes(num)) }

// has reports whether a field is present with the wire type.
func (m pbMessage) has(num, wire int) bool {
	for _, f := range m {
		if f.num == num && f.wire == wire {
			return true
		}
	}
	return false
}

// id reads a field that public decoders see as a varint and some answers
// carry as a decimal string: its decimal form ("" when absent).
func (m pbMessage) id(num int) string {
	for _, f := range m {
		if f.num != num {
			continue
		}
		switch f.wire {
		case 0:
			return strconv.FormatUint(f.v, 10)
		case 2:
			return string(f.b)
		}
	}
	return ""
}
